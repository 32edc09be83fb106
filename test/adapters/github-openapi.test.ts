import { describe, expect, it } from "vitest";
import { openApiProblems } from "../support/github-openapi.ts";

const base = { query: {}, authorization: null };

describe("validating recorded requests against GitHub's REST description", () => {
  it("accepts conforming requests and names what is wrong with others", () => {
    expect(openApiProblems({ ...base, method: "POST", path: "/repos/a/b/issues", body: { title: "t", body: "b", labels: ["x"] } })).toEqual([]);
    expect(openApiProblems({ ...base, method: "GET", path: "/repos/a/b/pulls", query: { state: "all", per_page: "100" }, body: undefined })).toEqual([]);
    expect(openApiProblems({ ...base, method: "POST", path: "/repos/a/b/issues", body: { body: "no title" } }).join()).toMatch(/title/);
    expect(openApiProblems({ ...base, method: "POST", path: "/repos/a/b/pulls", body: { head: "h", base: "main", title: "t", labels: ["x"] } }).join()).toMatch(/additional/);
    expect(openApiProblems({ ...base, method: "GET", path: "/repos/a/b/pulls", query: { state: "every" }, body: undefined }).join()).toMatch(/state=every/);
    expect(openApiProblems({ ...base, method: "GET", path: "/repos/a/b/pulls", query: { sate: "all" }, body: undefined }).join()).toMatch(/unknown query parameter sate/);
    expect(openApiProblems({ ...base, method: "POST", path: "/repos/a/b/merge-everything", body: {} }).join()).toMatch(/no such operation/);
  });
});
