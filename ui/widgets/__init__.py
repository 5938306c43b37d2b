"""Building blocks every screen uses: plain-text labels, the notice bar, actions, language
following, dropped files."""
