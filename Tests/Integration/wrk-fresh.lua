-- Token requests that miss the cache (run the emulator with --token-lifetime under 300 s): every one is signed.
-- Rotates resource over known audiences and identity over the world's three, plus a changing unknown parameter.
local resources = { "https%3A%2F%2Fvault.azure.net", "https%3A%2F%2Fstorage.azure.com%2F", "https%3A%2F%2Fmanagement.azure.com%2F",
                    "https%3A%2F%2Fdatabase.windows.net%2F" }
local selectors = { "", "&client_id=ab000000-0000-4000-8000-000000000002", "&client_id=cd000000-0000-4000-8000-000000000003" }
local i = 0
request = function()
  i = i + 1
  local path = "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=" .. resources[(i % #resources) + 1]
    .. selectors[(i % #selectors) + 1] .. "&lab_nonce=" .. i
  return wrk.format("GET", path, { ["Metadata"] = "true" })
end
