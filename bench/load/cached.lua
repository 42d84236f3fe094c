-- Scenario (a): the same json-stat2 table query on every request, so after the first one the web host answers from
-- its output cache. The path comes from the environment (LOAD_PATH), set by bench/load/run.sh.
package.path = package.path .. ";" .. (os.getenv("LOAD_DIR") or ".") .. "/?.lua"
require("report")
local path = os.getenv("LOAD_PATH")
request = function()
  return wrk.format("GET", path)
end
