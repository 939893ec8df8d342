"""Reading form fields with limits, so an oversized or missing field names itself."""

from __future__ import annotations

from starlette.datastructures import FormData

from mlcoach.domain.errors import BadRequest


def text_field(form: FormData, name: str, limit: int, *, required: bool = True) -> str:
    value = form.get(name)
    if value is None or not isinstance(value, str):
        if required:
            raise BadRequest(f"the field '{name}' is missing", field=name)
        return ""
    if len(value) > limit:
        raise BadRequest(f"the field '{name}' has {len(value)} characters; the limit is {limit}", field=name)
    return value
