"""Signed sync packages: the format, writing, verifying, staging an import, split and join.

A package is the only thing that leaves the laptop. Everything read from one is treated as
hostile until its signature, its listing and every file's hash have been checked, and nothing
is written outside a staging folder before that.
"""
