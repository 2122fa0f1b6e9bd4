"""Business operations. Each takes an open transaction's session and never commits."""
