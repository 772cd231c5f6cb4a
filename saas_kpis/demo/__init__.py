"""The hand-checkable demo raw data, seeds/demo/*.csv (story told in its README): `base`
reads the story files of demo_story/, `background` draws the seeded random activity
around them, `story` puts the raw tables together and writes them
(`python -m saas_kpis.demo`, run by `make setup` when a story file or this package
changed)."""
