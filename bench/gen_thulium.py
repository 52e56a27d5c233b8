#!/usr/bin/env python3
"""Writes N Thulium get-ticket payloads (NDJSON) shaped like the seed sample, ~10 messages each, to stdout."""
import json, sys, random

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
rnd = random.Random(7)
bodies = ["Dzień dobry, proszę o pomoc — zażółć gęślą jaźń. " * 6,
          "<p>Odpowiedź agenta: <b>sprawdziliśmy</b> konto.</p>" * 5,
          "Здравствуйте! Не проходят звонки. " * 8,
          "Hello 👋, the export is empty again. " * 7]
out = sys.stdout
for i in range(1, n + 1):
    msgs = []
    for m in range(10, 0, -1):  # newest first, as Thulium sends them
        t = ["MAIL", "REPLY", "COMMENT"][m % 3]
        msgs.append({
            "message_id": i * 100 + m, "user_login": "" if t == "MAIL" else "akowalski", "type": t,
            "body": rnd.choice(bodies) if t != "COMMENT" else "",
            "comment": "Notatka wewnętrzna" if t == "COMMENT" else "",
            "system_comment": "Changed status from [Nowe] to [Oczekuje na klienta]" if m == 5 else "",
            "created_at": "2024-%02d-%02d %02d:%02d" % (1 + i % 12, 1 + m, 8 + m % 10, (i + m) % 60),
            "attachments": ["%022x" % rnd.getrandbits(88)] if m % 4 == 0 else []})
    out.write(json.dumps({
        "ticket_id": i, "from": "client%d@example.pl" % i, "ticket_queue_name": "wsparcie@example.pl",
        "ticket_queue_id": 32, "subject": "Zgłoszenie %d — brak dostępu" % i, "status_id": str(1 + i % 6),
        "substatus_id": "", "customer_id": 32000 + i, "full_status_name": "Nowe", "category_id": "3",
        "user_login": "akowalski", "created_at": "2024-01-02 08:05", "updated_at": "2024-02-03 09:15",
        "closed_at": None, "close_time": "", "first_agent_responded_at": "2024-01-02 09:00",
        "first_agent_response_time": "00:55:00", "messages": msgs,
        "custom_fields": {"ID": None, "Uwagi": "information %d" % i}}, ensure_ascii=False))
    out.write("\n")
