"""Survey IKM (Survei Kepuasan Masyarakat, PermenPANRB 14/2017).

The questionnaire is data: a published, immutable, numbered version (like the catalogue)
holding a forms_schema definition plus which of its questions are the index's unsur. A
response is pinned to the version it answered, so a new version never changes what an old
answer meant.

Pure parts (no Flask, no database; tested on their own): `questionnaire` (reading and checking
a questionnaire document), `ikm` (the regulation's calculation), `sample_size` (the
Krejcie-Morgan table), `periods` (report periods). The rest is the web shell's services:
`store` (versions), `responses` (who may answer, storing an answer), `tally` (the monthly
aggregate kept with each answer), `report`, `publication`, `export`, `pdf`, `invitation`.
"""
