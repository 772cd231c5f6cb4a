"""The hand-checkable demo data (seeds/demo/*.csv), built from the story files.

The story (the accounts, their subscriptions, the June cohort's onboarding and first
value, the November tickets and surveys, the planted bad rows and the whitespace
padding) is data in demo_story/, told in seeds/demo/README.md; `base` reads it,
`background` draws the seeded random activity around it, `story` puts the raw tables
together and writes them: `python -m saas_kpis.demo` (the Makefile runs it when a story
file or this package is newer than the seeds).
"""
