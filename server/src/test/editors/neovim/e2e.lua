-- End-to-end check of astrid-pack-ls with Neovim's built-in LSP client (0.7 and newer).
--
--   ASTRID_LAUNCHER=…/astrid-pack-ls/bin/astrid-pack-ls ASTRID_PACK=…/demo/pack.yaml ASTRID_RESULT=/tmp/nvim.json \
--     nvim --headless -u NONE -i NONE -n -c 'luafile e2e.lua'
--
-- ASTRID_PACK is a copy of ../fixtures/demo/pack.yaml (its folder must be named demo).
-- Writes what the editor saw to ASTRID_RESULT as JSON ({"ok": true, …}) and exits 0, or
-- writes {"ok": false, "error": …}, prints the error on stderr and exits 1.

local TIMEOUT = 30000
local IDS = { 'accelerator', 'environment', 'external_services', 'network', 'project_files', 'subprocess' }
local result = { ok = false, nvim = tostring(vim.version().major) .. '.' .. vim.version().minor }

local function env(name, default)
  local value = os.getenv(name) or default
  assert(value, name .. ' is not set')
  return value
end

local function write_result()
  local f = assert(io.open(env('ASTRID_RESULT', 'nvim-e2e.json'), 'w'))
  f:write(vim.json.encode(result))
  f:close()
end

local function check(cond, message)
  if not cond then
    error(message, 0)
  end
end

-- One request through the editor; returns the result of our (only) client.
local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  check(responses, method .. ' got no answer: ' .. tostring(err))
  for _, response in pairs(responses) do
    check(not response.error, method .. ' failed: ' .. vim.inspect(response.error))
    return response.result
  end
  error(method .. ': no client answered', 0)
end

local function main()
  local pack = vim.fn.fnamemodify(env('ASTRID_PACK'), ':p')
  vim.cmd('edit ' .. vim.fn.fnameescape(pack))
  local buf = vim.api.nvim_get_current_buf()

  local config = {
    name = 'astrid',
    cmd = { env('ASTRID_LAUNCHER'), '--stdio' },
    root_dir = vim.fn.fnamemodify(pack, ':h'),
    -- Answered to the server's workspace/configuration request for section "astrid".
    settings = { astrid = { severity = { ['permission-missing-reason'] = 'warning' } } },
    on_exit = function(code) result.server_exit_code = code end,
  }
  if vim.fn.has('nvim-0.8') == 0 then
    -- 0.7 neither advertises workspace/configuration nor sends settings itself (lspconfig does this).
    config.on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end
  end
  local client_id
  if vim.lsp.start then -- 0.8+: starts and attaches
    client_id = vim.lsp.start(config, { bufnr = buf })
  else -- 0.7
    client_id = vim.lsp.start_client(config)
  end
  check(client_id, 'could not start ' .. table.concat(config.cmd, ' '))
  if not vim.lsp.start then
    check(vim.lsp.buf_attach_client(buf, client_id), 'could not attach the client to ' .. pack)
  end

  -- Diagnostics: wait until every expected code is shown, with the severity from our settings.
  local want = { ['permission-unknown-id'] = true, ['permission-vague-reason'] = true,
    ['permission-missing-reason'] = true }
  local function shown()
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code ~= 'permission-missing-reason' or d.severity == vim.diagnostic.severity.WARN then
        seen[d.code] = true
      end
    end
    for code in pairs(want) do
      if not seen[code] then return false end
    end
    return true
  end
  local arrived = vim.wait(TIMEOUT, function() return result.server_exit_code or shown() end, 50)
  check(not result.server_exit_code, 'the server exited with code ' .. tostring(result.server_exit_code))
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { code = d.code, severity = d.severity, line = d.lnum,
      character = d.col, end_line = d.end_lnum, end_character = d.end_col })
  end
  check(arrived, 'expected diagnostics did not arrive: ' .. vim.inspect(result.diagnostics))

  local positions = {}
  for _, d in ipairs(result.diagnostics) do
    positions[d.code] = { d.line, d.character, d.end_line, d.end_character }
  end
  check(vim.deep_equal(positions['permission-unknown-id'], { 5, 8, 5, 15 }),
    'permission-unknown-id not on "Network" (5:8-5:15): ' .. vim.inspect(positions['permission-unknown-id']))
  check(vim.deep_equal(positions['permission-vague-reason'], { 8, 12, 8, 36 }),
    'permission-vague-reason not on the reason (8:12-8:36): ' .. vim.inspect(positions['permission-vague-reason']))

  -- Hover on the id value "subprocess" (line 7, 0-based).
  local uri = vim.uri_from_bufnr(buf)
  local hover = request(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = 7, character = 10 } })
  local contents = hover and hover.contents or {}
  result.hover = type(contents) == 'string' and contents or contents.value or vim.inspect(contents)
  check(result.hover:find('disclosure only', 1, true), 'hover lacks "disclosure only": ' .. result.hover)

  -- Completion on a new "  - id: " line typed into the buffer (sent as didChange).
  local line = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, line, line, false, { '  - id: ' })
  local completion = request(buf, 'textDocument/completion',
    { textDocument = { uri = uri }, position = { line = line, character = 8 } }) or {}
  result.completion = {}
  for _, item in ipairs(completion.items or completion) do
    table.insert(result.completion, item.label)
  end
  table.sort(result.completion)
  check(vim.deep_equal(result.completion, IDS), 'completion offered ' .. vim.inspect(result.completion))

  -- The server command behind the code lens, as a user would run it.
  result.trust_summary = request(buf, 'workspace/executeCommand', { command = 'astrid.trustSummary', arguments = { uri } })
  check(type(result.trust_summary) == 'string' and result.trust_summary:find('disclosure_only', 1, true),
    'astrid.trustSummary returned ' .. vim.inspect(result.trust_summary))

  -- Rename a secret from pack.yaml: the edit also reaches the executor that requires it (not open).
  line = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, line, line, false, { 'secrets:', '  - name: OPENAI_KEY', '    required: true' })
  vim.api.nvim_win_set_cursor(0, { line + 2, 12 })
  vim.lsp.buf.rename('OPENAI_API_KEY')
  local executor = vim.fn.fnamemodify(pack, ':h') .. '/executors/fetch/executor.yaml'
  local renamed = vim.wait(TIMEOUT, function()
    local b = vim.fn.bufnr(executor)
    return b ~= -1 and vim.api.nvim_buf_get_lines(b, 0, -1, false)[7] == '  secrets_required: [OPENAI_API_KEY]'
  end, 50)
  result.renamed = vim.api.nvim_buf_get_lines(buf, line + 1, line + 2, false)[1]
  local exec_buf = vim.fn.bufnr(executor)
  result.renamed_executor = exec_buf ~= -1 and vim.api.nvim_buf_get_lines(exec_buf, 6, 7, false)[1] or ''
  check(renamed, 'rename did not reach the executor: ' .. vim.inspect(result.renamed_executor))

  vim.lsp.stop_client(client_id)
  check(vim.wait(10000, function() return result.server_exit_code ~= nil end, 50), 'server did not exit after shutdown')
  check(result.server_exit_code == 0, 'server exit code ' .. tostring(result.server_exit_code))
end

local ok, err = pcall(main)
result.ok = ok
result.error = not ok and tostring(err) or nil
pcall(write_result)
if ok then
  vim.cmd('qall!')
else
  io.stderr:write('neovim e2e FAILED: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
