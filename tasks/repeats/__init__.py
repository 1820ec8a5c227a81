"""Repeat counts: in how many distinct articles each normalised text appears, over every run."""
