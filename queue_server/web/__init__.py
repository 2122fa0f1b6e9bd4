"""Web pages served by the queue server: desk page, dashboard, visitor's phone page.

Each page lives in its own ``routes_<page>.py`` with templates and static files in its own
folders; every asset ships in the package (no CDN, no build step).
"""
