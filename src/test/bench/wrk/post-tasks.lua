-- wrk script: POST /api/tasks with 10 tasks per request into the project named by env WK_PROJECT.
local project = os.getenv("WK_PROJECT") or "bench_project"
local one = '{"taskTypeId":"570b9f4c2a7c0e4c008da6ee","neededExperience":{"domain":"abc","value":0},'
  .. '"openInstances":1,"projectName":"' .. project .. '","dataSet":"l4_sample",'
  .. '"editPosition":[3200,3200,600],"editRotation":[0,0,0]}'
local tasks = {}
for i = 1, 10 do tasks[i] = one end
wrk.method = "POST"
wrk.body = "[" .. table.concat(tasks, ",") .. "]"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Auth-Token"] = os.getenv("WK_TOKEN")

function response(status, headers, body)
  if status ~= 200 then
    error("unexpected status " .. status .. ": " .. body)
  end
end
