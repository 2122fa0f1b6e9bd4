"""The hall display board: which ticket goes to which desk, on screen and spoken aloud.

Layers, from pure to thin: ``model`` (what is on screen and what is to be announced),
``view`` and ``layout`` (texts and sizes), ``announcements`` and ``chime`` (what is said and
played), ``stream`` (the WebSocket client, asyncio), then the Qt edge: ``bridge`` (the client
off the GUI thread), ``voices`` and ``announcer`` (sound), ``controller``, ``widgets``,
``window`` and ``app`` (the ``eenloket board`` command).
"""
