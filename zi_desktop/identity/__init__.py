"""The evaluator's identity: an Ed25519 key pair sealed under a passphrase, public key cards
that others enrol, and the workspace's trust store of enrolled and pinned keys."""
