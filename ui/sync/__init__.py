"""Sync screens: the evaluator's identity and trust list, sending and receiving packages.

Imported on first use (the menu entries in ``actions``): the dialogs pull in the signing and
package code, which the window does not need to start.
"""
