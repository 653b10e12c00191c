"""The select stage: what each audience's brief shows, decided from the dossier as data.

| module | owns |
|---|---|
| ``catalogue`` | the section catalogue (built-in, user, dossier, profile); a profile's list |
| ``query`` | a section's ``where``: which records it selects, in which order |
| ``kinds`` | the generic section kinds: records into groups of items |
| ``shaping`` | records into items: names, dates, notes, in the reader's language |
| ``chart`` | the timeline chart's geometry |
| ``compose`` | the brief as a whole, each fact told once |
| ``views`` | the typed views the templates read, and nothing else |
| ``selection`` | one audience's selection as plain data: its brief and its release index |
| ``stage`` | the stage as a build runs it: each selection made once, and cached |
| ``labels`` | fixed words for built-in kinds, stances and markings |

Importing this package imports none of them: a build served from the cache needs only
``views``.
"""
