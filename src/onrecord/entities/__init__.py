"""Entities: mentions made into document-level actors, the gazetteer, and speaker resolution.

"the Russian President" is Vladimir Putin and "the Kremlin" the Russian government because of
what is decided here.
"""
