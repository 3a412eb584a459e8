// Creates, lists and retracts an observation through a client typed from /openapi/v1.json by
// openapi-typescript, sent with openapi-fetch. Compiled with tsc --strict: if the document loses the
// query parameters of GET /api/observations, the 201 of a create or a request body, this file stops
// compiling. Run by tests/SceneMonitor.Tests.Integration/OpenApi/GeneratedClientTests.cs with
// BASE_URL, API_KEY and SOURCE in the environment; prints one JSON line for the test to read.
import createClient from "openapi-fetch";
// Node's process, declared here so that no @types/node is needed for three variables.
declare const process: { env: Record<string, string | undefined> };
import type { operations, paths } from "./out/scenemonitor.js";

type ListQuery = NonNullable<operations["listObservations"]["parameters"]["query"]>;
type Created = operations["createObservation"]["responses"][201]["content"]["application/geo+json"];
type Problem = operations["createObservation"]["responses"][422]["content"]["application/problem+json"];

const client = createClient<paths>({ baseUrl: process.env.BASE_URL!, headers: { "X-Api-Key": process.env.API_KEY! } });
const source = process.env.SOURCE!;

const created = await client.POST("/api/observations", {
  body: { category: "syringe", longitude: 4.336, latitude: 50.8357, observedAt: "2025-06-01T12:00:00Z", quantity: 2, source },
});
const feature: Created | undefined = created.data;
const id = (feature as { id: number }).id;

const query: ListQuery = { source: [source], category: ["syringe"], limit: 10 };
const listed = await client.GET("/api/observations", { params: { query } });
const before = (listed.data as { features: unknown[] }).features.length;

const invalid = await client.POST("/api/observations", { body: { category: "syringe", longitude: 400, latitude: 50.8, source } });
const problem: Problem | undefined = invalid.error as Problem | undefined;

const retracted = await client.POST("/api/observations/{id}/retract", { params: { path: { id } }, body: { reason: "generated client test" } });
const after = ((await client.GET("/api/observations", { params: { query } })).data as { features: unknown[] }).features.length;

console.log(JSON.stringify({
  createStatus: created.response.status, createIsData: created.data !== undefined && created.error === undefined, id,
  listStatus: listed.response.status, before, after,
  invalidStatus: invalid.response.status, invalidFields: Object.keys(problem?.errors ?? {}),
  retractStatus: retracted.response.status, retractError: retracted.error ?? null,
}));
