#!/usr/bin/env python3
"""Answer saves from many owners at once, as the autosave script sends them, for the fault scripts.

  saves.py storm SITE TENANT EMAILS_FILE PASSWORD SECONDS RESULTS READY_FILE OWNERS
      Signs each owner in from a loopback address of its own (sign-in is limited per address), then
      each owner saves the first task of measure 1.1 over and over, with the comment faute-<owner>-<n>,
      for SECONDS once READY_FILE is written. Every attempt goes to RESULTS as one JSON line: owner, n,
      HTTP status (0: no answer), outcome, seconds since the start, and whether a 503 was in French.
  saves.py verify RESULTS HISTORY CURRENT
      Checks the results against the database's rows (HISTORY: the comments of task_status_changes,
      CURRENT: node and comment of task_statuses, one per line): every save acknowledged with a 2xx has
      its history row, and each task's current answer is its last acknowledged save or a later one.
      Prints the figures and exits 1 when a save is lost."""
import http.client, json, re, sys, threading, time, urllib.parse

def request(site, source, method, path, cookies, body=None, timeout=35):
    url = urllib.parse.urlsplit(site)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout, source_address=(source, 0))
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(body)
    try:
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name] = rest.split(";", 1)[0]
        return response.status, text
    finally:
        connection.close()

def token(page):
    return re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page).group(1)

class Owner:
    def __init__(self, index, email):
        self.index, self.email, self.source, self.cookies = index, email, f"127.0.{1 + index // 250}.{2 + index % 250}", {}

    def sign_in(self, site, tenant, password):
        try:
            self._sign_in(site, tenant, password)
            self.ready = True
        except Exception as error:
            self.ready = False
            print(f"{self.email} left out: {error}", file=sys.stderr)

    def _sign_in(self, site, tenant, password):
        _, page = request(site, self.source, "GET", f"/t/{tenant}/connexion", self.cookies)
        status, _ = request(site, self.source, "POST", f"/t/{tenant}/connexion", self.cookies,
                            {"Input.Email": self.email, "Input.Password": password, "__RequestVerificationToken": token(page)})
        if status != 302:
            raise RuntimeError(f"sign-in answered {status}")
        status, page = request(site, self.source, "GET", f"/t/{tenant}/evaluation/1.1", self.cookies)
        if 'Answers[0].NodeId" value="' not in page or "disabled" in page.split('Answers[0].Status"', 1)[-1][:80]:
            title = re.search(r"<h1[^>]*>([^<]*)", page)
            raise RuntimeError(f"measure 1.1 answered {status} « {title.group(1).strip() if title else ''} » without an editable form")
        self.token = token(page)
        self.node = re.search(r'Answers\[0\]\.NodeId" value="([^"]+)"', page).group(1)
        self.version = re.search(r'Answers\[0\]\.SeenVersion" value="(\d+)"', page).group(1)

    def storm(self, site, tenant, until, start, out, lock):
        n = 0
        while time.time() < until:
            n += 1
            body = {"NodeId": self.node, "Status": "fait" if n % 2 else "pas_fait", "SeenVersion": self.version,
                    "Comment": f"faute-{self.index}-{n}", "__RequestVerificationToken": self.token}
            at = time.time() - start
            try:
                status, text = request(site, self.source, "POST", f"/t/{tenant}/evaluation/1.1?handler=Task", self.cookies, body)
            except OSError as error:
                status, text = 0, str(error)
            outcome, french = None, None
            if status in (200, 409):
                answer = json.loads(text)
                outcome, self.version = answer["outcome"], str(answer["version"])
            if status == 503:
                french = "Service indisponible" in text
            with lock:
                out.write(json.dumps({"owner": self.index, "n": n, "status": status, "outcome": outcome, "at": round(at, 3),
                                      "took": round(time.time() - start - at, 3), "french": french}) + "\n")
            if status not in (200, 409):
                time.sleep(0.2)

def storm(site, tenant, emails_file, password, seconds, results, ready, wanted):
    # A few more owners than wanted are given: those whose assessment cannot be edited (no form) are left out.
    wanted = int(wanted)
    owners = [Owner(i, e.strip()) for i, e in enumerate(open(emails_file)) if e.strip()]
    threads = [threading.Thread(target=o.sign_in, args=(site, tenant, password)) for o in owners]
    for t in threads: t.start()
    for t in threads: t.join()
    owners = [o for o in owners if o.ready][:wanted]
    print(f"{len(owners)} owners signed in", file=sys.stderr)
    start = time.time()
    open(ready, "w").write(f"{start}\n")
    lock = threading.Lock()
    with open(results, "w") as out:
        threads = [threading.Thread(target=o.storm, args=(site, tenant, start + float(seconds), start, out, lock)) for o in owners]
        for t in threads: t.start()
        for t in threads: t.join()

def verify(results, history_file, current_file):
    rows = [json.loads(line) for line in open(results)]
    history = set(line.strip() for line in open(history_file) if line.strip())
    acknowledged = [r for r in rows if r["status"] == 200 and r["outcome"] == "saved"]
    lost = [r for r in acknowledged if f"faute-{r['owner']}-{r['n']}" not in history]
    last = {}
    for r in acknowledged:
        last[r["owner"]] = max(last.get(r["owner"], 0), r["n"])
    current = {}
    for line in open(current_file):
        if "faute-" in line:
            owner, n = line.strip().rsplit("faute-", 1)[1].split("-")
            current[int(owner)] = int(n)
    behind = [o for o, n in last.items() if current.get(o, 0) < n]
    statuses = {}
    for r in rows:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    unavailable = [r for r in rows if r["status"] == 503]
    slow = [r for r in rows if r["took"] > 30]
    print(f"{len(rows)} saves sent by {len({r['owner'] for r in rows})} owners; answers: " +
          ", ".join(f"{s or 'none'}: {c}" for s, c in sorted(statuses.items())))
    print(f"acknowledged (2xx, saved): {len(acknowledged)}; without their history row: {len(lost)}; "
          f"tasks whose current answer is older than their last acknowledged save: {len(behind)}")
    print(f"503 answers: {len(unavailable)} (in French: {sum(1 for r in unavailable if r['french'])})"
          + (f", from {min(r['at'] for r in unavailable):.1f} s to {max(r['at'] for r in unavailable):.1f} s" if unavailable else "")
          + f"; answers slower than 30 s: {len(slow)}; slowest: {max(r['took'] for r in rows):.1f} s")
    seconds = {}
    for r in rows:
        second = seconds.setdefault(int(r["at"] + r["took"]), {})
        second[r["status"]] = second.get(r["status"], 0) + 1
    print("answers by second they came: " + "; ".join(
        f"{t}: " + " ".join(f"{s or 'none'}×{c}" for s, c in sorted(counts.items())) for t, counts in sorted(seconds.items())))
    failures = [r for r in rows if r["status"] != 200]
    if failures:
        print(f"failed saves from {min(r['at'] for r in failures):.1f} s to {max(r['at'] for r in failures):.1f} s; "
              f"first 2xx after the last failure at {min((r['at'] for r in rows if r['status'] == 200 and r['at'] > max(f['at'] for f in failures)), default=-1):.1f} s")
    sys.exit(1 if lost or behind or any(r["status"] >= 500 and r["status"] != 503 for r in rows) else 0)

if __name__ == "__main__":
    {"storm": storm, "verify": verify}[sys.argv[1]](*sys.argv[2:])
