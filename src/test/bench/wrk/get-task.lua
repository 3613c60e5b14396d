-- wrk script: GET /api/tasks/:id (a seeded task) as the user whose token is in env WK_TOKEN.
wrk.headers["X-Auth-Token"] = os.getenv("WK_TOKEN")

function response(status, headers, body)
  if status ~= 200 then
    error("unexpected status " .. status)
  end
end
