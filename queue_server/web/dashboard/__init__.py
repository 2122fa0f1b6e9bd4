"""The manager dashboard's server side: live overview, statistics views, exports.

``queue_server/web/routes_dashboard.py`` serves them; the page itself (``dashboard.html`` and
``static/``) draws everything in the browser from these JSON answers.
"""
