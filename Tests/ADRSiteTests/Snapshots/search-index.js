window.ADR_INDEX=JSON.parse('{"v":2,\
"status":{"accepted":["accepted","Accepted"],"proposed":["proposed","Proposed"],"superseded":["superseded","Superseded"]},\
"logs":[["main","main"],["api","api"]],\
"r":[["0001-keep-card-data-out-of-logs","Keep \\u003ccard\\u003e data out of logs","proposed","2025-03-01",["security"],1,1,"api/0001-keep-card-data-out-of-logs.html"],\
["0003-use-a-queue","Use a queue","accepted","2025-02-10",["messaging","queue"],0,3,"main/0003-use-a-queue.html"],\
["0002-poll-the-ledger","Poll the ledger","superseded","2025-01-05",["messaging","ledger"],0,2,"main/0002-poll-the-ledger.html"],\
["0001-record-architecture-decisions","Record architecture decisions","accepted","2025-01-02",[],0,1,"main/0001-record-architecture-decisions.html"]]}');
