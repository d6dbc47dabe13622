"""Thin views: parse with a form, fetch through a selector, call one service."""
