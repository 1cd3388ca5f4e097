"""Project configuration: settings, URLs and the ASGI application Daphne serves."""
