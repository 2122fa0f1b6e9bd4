"""The wire contract between the queue server and its clients (kiosk, board, pages, benches).

One definition of each message: the server validates with these models and the typed client
in :mod:`eenloket_wire.client` parses with them.
"""
