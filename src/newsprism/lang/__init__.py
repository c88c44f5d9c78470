"""Language helpers that several stages share: names, media, words, dates, numbers.

The bottom layer: these modules import only the standard library, third-party libraries,
``newsprism.data`` (word lists) and ``newsprism.model``, never a stage (ingest, clean,
annotate, relate, compare, report), so any stage may use them without reaching into another.
"""
