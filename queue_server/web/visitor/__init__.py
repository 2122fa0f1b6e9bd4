"""The visitor's phone page (the QR on every ticket): status, live feed, rate limit, assets.

``routes_visitor`` in the parent package serves it; this package holds what it is made of:
``status`` (what a visitor may see, computed for many visits at once), ``feed`` (one event
subscription per location shared by all its phones), ``ratelimit`` (per-client token buckets)
and the template, stylesheet and script.
"""
