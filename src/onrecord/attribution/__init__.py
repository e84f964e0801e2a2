"""Attribution: who said what. Cue candidates from the parse, the learned cue filter, and the
assembly of candidates into attributions (speakers, split quotes, nesting, kinds).
"""
