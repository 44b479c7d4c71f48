-- Cached token requests mixed with bad ones: good IMDS (cached after the first), missing Metadata header, 404, malformed query.
local token = "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net"
local requests = {
  wrk.format("GET", token, { ["Metadata"] = "true" }),
  wrk.format("GET", token, {}),
  wrk.format("GET", "/metadata/instance?api-version=2021-02-01", { ["Metadata"] = "true" }),
  wrk.format("GET", "/metadata/identity/oauth2/token?%zz&&a=b=c", { ["Metadata"] = "true" }),
}
local i = 0
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
end
