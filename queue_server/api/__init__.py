"""HTTP and WebSocket edges: thin routers that validate, authenticate and call services."""
