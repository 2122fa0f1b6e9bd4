"""The hall display board: which ticket goes to which desk, on screen and spoken aloud.

Layers, from pure to thin: ``config``, ``model`` (what is on screen and what is to be
announced), ``view`` and ``layout`` (texts and sizes), ``announcements`` and ``sounds`` (what
is said and played), ``stream`` (the WebSocket client, asyncio); then the Qt edge, all of it
importing Qt from ``qt``: ``bridge`` (the client on its own thread), ``voices`` and
``announcer`` (sound), ``controller``, ``widgets``, ``window`` and ``app`` (the
``eenloket board`` command).
"""
