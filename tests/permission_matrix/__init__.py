"""The project-wide permission matrix: world, expectation table and the request runner.

See tests/test_permission_matrix.py; how to add a row is explained in table.py.
"""
