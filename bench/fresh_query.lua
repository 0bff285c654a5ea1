-- wrk script: every request asks a search never asked before. Each adds the exclusion of a
-- made-up word (-zq<run><thread>x<count>) to the URL's query: the results stay the same, but
-- the question is new, so no kept answer serves it and the database ranks the matches afresh.
-- The figures are printed by report.lua, loaded from this script's own folder.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")

local threads = 0
local count = 0

function setup(thread)
  threads = threads + 1
  thread:set("tag", os.time() .. "t" .. threads)
end

function request()
  count = count + 1
  return wrk.format(nil, wrk.path .. "+-zq" .. tag .. "x" .. count)
end
