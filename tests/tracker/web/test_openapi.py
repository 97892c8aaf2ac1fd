"""The OpenAPI document describes the API that is really served.

Every documented path, parameter and response code is exercised over HTTP,
every real response is validated (jsonschema, draft 2020-12, as OpenAPI 3.1
uses) against the schema the document gives for it, and the schemas are closed,
so an undocumented field fails too.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tracker.web.app import _ROUTES

_DOC_URI = "urn:bill-tracker:openapi"

#: For each documented operation: (concrete path, query, status) requests that
#: together use every parameter and every documented response code.
EXAMPLES = {
    ("/api/bills", "get"): [
        ("/api/bills", "", 200),
        ("/api/bills", "limit=2", 200),
        ("/api/bills", "stage=enacted&q=law&changed_since=2000-01-01&limit=1", 200),
        ("/api/bills", "stage=bogus", 400),
    ],
    ("/api/bills/{id}", "get"): [
        ("/api/bills/hr4924-115", "", 200),
        ("/api/bills/hr9999-115", "", 200),  # tracked, never checked successfully
        ("/api/bills/s3749-115", "", 200),
        ("/api/bills/hr1-999", "", 404),
    ],
    ("/api/bills/{id}/events", "get"): [
        ("/api/bills/hr4924-115/events", "limit=2", 200),
        ("/api/bills/hr4030-115/events", "", 200),
        ("/api/bills/hr4924-115/events", "cursor=x", 400),
        ("/api/bills/hr1-999/events", "", 404),
    ],
    ("/api/bills/{id}/votes", "get"): [
        ("/api/bills/hr1865-115/votes", "", 200),  # a House and a Senate vote, with positions
        ("/api/bills/hr4030-115/votes", "", 200),  # none
        ("/api/bills/hr1-999/votes", "", 404),
    ],
}


@pytest.fixture(scope="module")
def document(served):
    response = served.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def _validator(document, schema_ref):
    registry = Registry().with_resource(_DOC_URI, Resource(document, specification=DRAFT202012))
    return Draft202012Validator({"$ref": f"{_DOC_URI}{schema_ref}"}, registry=registry)


def test_the_document_is_openapi_3_1_and_names_this_server(document, served):
    assert document["openapi"].startswith("3.1")
    assert document["servers"] == [{"url": served.base}]
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_documented_paths_are_exactly_the_served_api(document):
    served_api = {
        re.sub(r"<(\w+)>", r"{\1}", path).replace("{key}", "{id}")
        for path in _ROUTES
        if path.startswith("/api/") and path != "/api/openapi.json"
    }
    assert set(document["paths"]) == served_api
    assert set(EXAMPLES) == {(p, m) for p, ops in document["paths"].items() for m in ops}


@pytest.mark.parametrize("operation", sorted(EXAMPLES), ids=lambda o: o[0])
def test_every_response_matches_its_documented_schema(document, served, operation):
    path, method = operation
    spec = document["paths"][path][method]
    used_params, codes = set(), set()
    requests = [(served.base + c + (f"?{q}" if q else ""), s) for c, q, s in EXAMPLES[operation]]
    while requests:
        url, status = requests.pop(0)
        response = served.http.get(url, timeout=30)
        assert response.status_code == status, (url, response.text)
        codes.add(str(status))
        used_params |= set(parse_qs(urlsplit(url).query))
        documented = spec["responses"][str(status)]["content"]
        assert response.headers["Content-Type"].split(";")[0] in documented
        schema_ref = documented["application/json"]["schema"]["$ref"]
        body = response.json()
        errors = list(_validator(document, schema_ref).iter_errors(body))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
        if status == 200 and body.get("next"):
            requests.append((body["next"], 200))  # the next page, with its cursor
    query_params = {p["name"] for p in spec["parameters"] if p["in"] == "query"}
    assert used_params == query_params, "every documented parameter is exercised"
    assert codes == set(spec["responses"]), "every documented response is exercised"


def test_the_schemas_are_closed(document, served):
    """A field the document does not name is an error, so the check above is strict."""
    body = served.get("/api/bills?limit=1").json()
    body["bills"][0]["surprise"] = 1
    assert list(_validator(document, "#/components/schemas/BillList").iter_errors(body))


def test_limit_bounds_in_the_document_are_the_servers(document, served):
    parameters = document["paths"]["/api/bills"]["get"]["parameters"]
    limit = next(p for p in parameters if p["name"] == "limit")
    top = limit["schema"]["maximum"]
    assert served.get(f"/api/bills?limit={top}").status_code == 200
    assert served.get(f"/api/bills?limit={top + 1}").status_code == 400
