"""Pure domain of the counter hall: no I/O, no clock of its own (callers pass ``now``)."""
