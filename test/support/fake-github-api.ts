/**
 * GitHub's REST API, the handful of endpoints ops-warden calls, as a stateful fake that answers in
 * GitHub's own JSON shapes (pagination by Link header, 422 for a second PR from one head, the
 * issues list including PRs). Every request is recorded for counting and for validation against
 * GitHub's OpenAPI description. Served through nock (`nockGitHub`) or a real HTTP server.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | null;
}

export interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Item {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  labels: string[];
  pr?: { head: string; base: string; merged: boolean };
  comments: { id: number; body: string }[];
}

export class FakeGitHubApi {
  readonly requests: RecordedRequest[] = [];
  readonly items: Item[] = [];
  private next = 1;
  private commentId = 100;
  private faults: { match: (r: RecordedRequest) => boolean; response: FakeResponse }[] = [];
  private afterFaults: { match: (r: RecordedRequest) => boolean; response: FakeResponse }[] = [];

  constructor(readonly owner = "acme", readonly repo = "estate", readonly base = "https://api.github.test") {}

  /** The next request that `match`es gets `response` instead (and changes nothing). */
  failNext(match: (r: RecordedRequest) => boolean, response: FakeResponse): void {
    this.faults.push({ match, response });
  }

  /** The next request that `match`es takes effect, then is answered with `response` (a 502 after the write). */
  failAfter(match: (r: RecordedRequest) => boolean, response: FakeResponse): void {
    this.afterFaults.push({ match, response });
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  pulls() {
    return this.items.filter((i) => i.pr);
  }

  issues() {
    return this.items.filter((i) => !i.pr);
  }

  /** A maintainer closes (or merges) a PR on GitHub. */
  close(number: number, merged = false): void {
    const item = this.items.find((i) => i.number === number)!;
    item.state = "closed";
    if (item.pr) item.pr.merged = merged;
  }

  handle(method: string, url: URL, body: unknown, authorization: string | null): FakeResponse {
    const query = Object.fromEntries(url.searchParams);
    const request = { method, path: url.pathname, query, body, authorization };
    this.requests.push(request);
    const fault = this.faults.findIndex((f) => f.match(request));
    if (fault >= 0) return this.faults.splice(fault, 1)[0]!.response;
    const prefix = `/repos/${this.owner}/${this.repo}`;
    if (!url.pathname.startsWith(prefix)) return notFound();
    const answer = this.route(method, url.pathname.slice(prefix.length), query, (body ?? {}) as Record<string, unknown>, url);
    const after = this.afterFaults.findIndex((f) => f.match(request));
    return after >= 0 ? this.afterFaults.splice(after, 1)[0]!.response : answer;
  }

  private route(method: string, path: string, query: Record<string, string>, body: Record<string, unknown>, url: URL): FakeResponse {
    const num = /^\/(?:pulls|issues)\/(\d+)/.exec(path)?.[1];
    const item = num ? this.items.find((i) => i.number === Number(num)) : undefined;
    const key = `${method} ${path.replace(/\d+/g, "N").replace(/\/collaborators\/[^/]+/, "/collaborators/U").replace(/\/contents\/.+$/, "/contents/P").replace(/^\/git\/ref\/.+$/, "/git/ref/R")}`;
    switch (key) {
      case "GET ":
        return ok({ id: 1, name: this.repo, full_name: `${this.owner}/${this.repo}`, default_branch: "main" });
      case "GET /pulls": {
        let list = this.pulls();
        if (query.state && query.state !== "all") list = list.filter((p) => p.state === query.state);
        if (query.head) list = list.filter((p) => `${this.owner}:${p.pr!.head}` === query.head);
        return this.page(list.map((p) => this.pullJson(p)), query, url);
      }
      case "POST /pulls": {
        const head = String(body.head);
        if (this.pulls().some((p) => p.state === "open" && p.pr!.head === head)) {
          return { status: 422, body: { message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${this.owner}:${head}.` }], documentation_url: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request" } };
        }
        const created = this.add({ title: String(body.title), body: (body.body as string) ?? null, labels: [], pr: { head, base: String(body.base), merged: false } });
        return { status: 201, body: this.pullJson(created) };
      }
      case "PATCH /pulls/N":
        if (!item?.pr) return notFound();
        Object.assign(item, pick(body, ["title", "body", "state"]));
        return ok(this.pullJson(item));
      case "GET /issues": {
        let list = this.items;
        if (query.state && query.state !== "all") list = list.filter((i) => i.state === query.state);
        if (query.labels) list = list.filter((i) => query.labels!.split(",").every((l) => i.labels.includes(l)));
        return this.page(list.map((i) => this.issueJson(i)), query, url);
      }
      case "POST /issues": {
        const created = this.add({ title: String(body.title), body: (body.body as string) ?? null, labels: (body.labels as string[]) ?? [] });
        return { status: 201, body: this.issueJson(created) };
      }
      case "PATCH /issues/N":
        if (!item) return notFound();
        Object.assign(item, pick(body, ["title", "body", "state"]));
        return ok(this.issueJson(item));
      case "GET /issues/N/comments":
        if (!item) return notFound();
        return this.page(item.comments.map((c) => this.commentJson(item, c)), query, url);
      case "POST /issues/N/comments": {
        if (!item) return notFound();
        const comment = { id: this.commentId++, body: String(body.body) };
        item.comments.push(comment);
        return { status: 201, body: this.commentJson(item, comment) };
      }
      case "POST /issues/N/labels":
        if (!item) return notFound();
        item.labels = [...new Set([...item.labels, ...((body.labels as string[]) ?? [])])];
        return ok(item.labels.map((name, id) => label(name, id)));
      case "POST /issues/N/reactions":
        return { status: 201, body: { id: 1, content: body.content, created_at: "2026-11-20T09:00:00Z", node_id: "R", user: null } };
      // The Contents API, for comparing a file-by-file approach in the benchmark.
      case "GET /git/ref/R":
        return ok({ ref: "refs/heads/main", node_id: "R", url: `${this.base}${path}`, object: { type: "commit", sha: "1".repeat(40), url: `${this.base}/c` } });
      case "POST /git/refs":
        return { status: 201, body: { ref: body.ref, node_id: "R", url: `${this.base}${path}`, object: { type: "commit", sha: body.sha, url: `${this.base}/c` } } };
      case "GET /contents/P":
        return ok({ type: "file", sha: "2".repeat(40), path: path.slice("/contents/".length), name: "f", content: "", encoding: "base64" });
      case "PUT /contents/P":
        return { status: 200, body: { content: { sha: "3".repeat(40) }, commit: { sha: "4".repeat(40) } } };
      case "GET /collaborators/U/permission":
        return ok({ permission: "write", role_name: "write", user: null });
      default:
        return notFound();
    }
  }

  private add(fields: Omit<Item, "number" | "state" | "comments">): Item {
    const item: Item = { ...fields, number: this.next++, state: "open", comments: [] };
    this.items.push(item);
    return item;
  }

  private page(all: unknown[], query: Record<string, string>, url: URL): FakeResponse {
    const perPage = Number(query.per_page ?? 30);
    const page = Number(query.page ?? 1);
    const items = all.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const nextUrl = new URL(url);
      nextUrl.searchParams.set("page", String(page + 1));
      headers.link = `<${this.base}${nextUrl.pathname}${nextUrl.search}>; rel="next"`;
    }
    return { status: 200, body: items, headers };
  }

  private html(kind: string, number: number): string {
    return `https://github.test/${this.owner}/${this.repo}/${kind}/${number}`;
  }

  private issueJson(i: Item) {
    return {
      id: i.number, node_id: `I${i.number}`, number: i.number, title: i.title, body: i.body, state: i.state,
      user: { login: "ops-warden[bot]", id: 1, type: "Bot" },
      labels: i.labels.map((name, id) => label(name, id)), html_url: this.html(i.pr ? "pull" : "issues", i.number),
      ...(i.pr ? { pull_request: { url: `${this.base}/repos/${this.owner}/${this.repo}/pulls/${i.number}`, html_url: this.html("pull", i.number) } } : {}),
    };
  }

  private pullJson(i: Item) {
    const ref = (name: string) => ({ ref: name, label: `${this.owner}:${name}`, sha: "0".repeat(40) });
    return { ...this.issueJson(i), html_url: this.html("pull", i.number), head: ref(i.pr!.head), base: ref(i.pr!.base), merged_at: i.pr!.merged ? "2026-11-21T09:00:00Z" : null, draft: false };
  }

  private commentJson(item: Item, c: { id: number; body: string }) {
    return { id: c.id, node_id: `C${c.id}`, body: c.body, html_url: `${this.html("issues", item.number)}#issuecomment-${c.id}` };
  }
}

function ok(body: unknown): FakeResponse {
  return { status: 200, body };
}

function notFound(): FakeResponse {
  return { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
}

function label(name: string, id: number) {
  return { id, node_id: `L${id}`, name, color: "ededed", default: false, description: null, url: `https://api.github.test/labels/${name}` };
}

function pick(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}
