"""Capturing: responses → raw Set-Cookie lines, recorded while a test runs.

Owns the recorder, the patching machinery (undo stack, import hook), one adapter per client,
the WSGI/ASGI wrappers, and the replay of an old cookie with the client's jar set aside
(``jars``).  Records raw lines and where they came from; never judges.

Imports: ``parsing`` only (never ``judging`` or ``reporting``); no client is imported here.
"""
