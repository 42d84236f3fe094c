-- Scenario (b): a json-stat2 query whose selection changes on every request — three random municipalities, one
-- comparison group and one wave of a municipality table — so the output cache (keyed by every query parameter)
-- misses and every answer is computed. Codes come from the table's metadata, written by bench/load/run.sh to
-- uncached_codes.lua (LOAD_CODES): table, regions, groups, periods, breakdown (the breakdown variable's code).
package.path = package.path .. ";" .. (os.getenv("LOAD_DIR") or ".") .. "/?.lua"
require("report")
local codes = dofile(os.getenv("LOAD_CODES"))

init = function(args)
  -- A different sequence per wrk thread.
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

local function pick(list)
  return list[math.random(#list)]
end

request = function()
  local a, b, c = pick(codes.regions), pick(codes.regions), pick(codes.regions)
  while b == a do b = pick(codes.regions) end
  while c == a or c == b do c = pick(codes.regions) end
  local path = string.format(
    "/api/v2/tables/%s/data?lang=sv&valuecodes%%5B%s%%5D=%s,%s,%s&valuecodes%%5BGrupp%%5D=%s&valuecodes%%5BContentsCode%%5D=estimate,margin&valuecodes%%5BTid%%5D=%s",
    codes.table, codes.breakdown, a, b, c, pick(codes.groups), pick(codes.periods))
  return wrk.format("GET", path)
end
