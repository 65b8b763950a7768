"""Top-level conftest: enables ``pytester`` so the plugin is tested the way users meet it."""

pytest_plugins = ["pytester"]
