"""Events: PLOVER event coding (triggers, arguments, conventions, merging), dates, and the
flat PLOVER record format. The rulebook is the docstring of :mod:`onrecord.events.coder`.
"""

from onrecord.events.coder import code_events

__all__ = ["code_events"]
