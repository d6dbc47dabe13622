"""Ask every URL of the table as one persona, each request in a savepoint that is undone.

Rolling each request back keeps the world identical for the next one: a POST that
publishes, deletes or erases changes nothing the following rows see. The session
cookie is restored too, because logging out or erasing the account replaces it.
GETs run before POSTs, so a file a POST removes from disk is never needed again.
"""

import copy
from dataclasses import dataclass

from django.db import transaction


def ask(client, method: str, path: str) -> tuple[int, str]:
    """(status, Location header or "") of one request, with the world left as it was."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        response = getattr(client, method)(path)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response.status_code, response.get("Location", "")


@dataclass(frozen=True)
class Answer:
    row: object
    method: str
    path: str
    expected: int
    status: int
    location: str

    def __str__(self):
        return f"{self.method.upper()} {self.path} ({self.row.label})"


def answers(client, w, rows, persona: str) -> list[Answer]:
    """Every row asked by GET, then every row by POST, as the signed-in persona."""
    paths = {row.label: row.path(w) for row in rows}
    found = []
    for index, method in enumerate(("get", "post")):
        for row in rows:
            path = paths[row.label]
            status, location = ask(client, method, path)
            found.append(Answer(row, method, path, row.expect[persona][index], status, location))
    return found
