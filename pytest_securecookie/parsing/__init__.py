"""Reading and parsing: a response's raw Set-Cookie lines → ``SetCookie``, as browsers parse them.

Owns the RFC 6265bis parser (§5.6) and cookie-date algorithm (§5.1.1), the readers that take
raw Set-Cookie lines and the Date header out of any test client's response, one spec per client
(label, reader, request line, patch targets, https hint: pure data the other stages read), what a
response reveals about its request (origin, framework label), and redaction: the one place that
knows how a cookie is shown without its value.

Imports: the standard library only, and nothing of the other stages.
"""
