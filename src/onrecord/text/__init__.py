"""Text: reading input safely, the article's sections, and quotation marks paired into quotations.

Everything here works on characters, before and beside the spaCy parse.
"""
