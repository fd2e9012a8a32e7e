-- Headless Neovim (0.7+) smoke test of the MedTrace language server, driven by test/editors/editors.test.ts.
-- Starts the server with vim.lsp.start_client (0.7 has no vim.lsp.start), attaches it to the buffer, waits for
-- diagnostics, then exercises hover and definition; prints one line per result and quits (exit 0 on success).
local server = os.getenv('MEDTRACE_LSP_CMD')
local root = os.getenv('MEDTRACE_ROOT')
local timeout_ms = tonumber(os.getenv('MEDTRACE_TIMEOUT_MS') or '20000')
local function out(s) io.stdout:write(s .. '\n') end

vim.api.nvim_create_autocmd('VimEnter', { callback = function()
  local bufnr = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'medtrace',
    cmd = vim.split(server, ' '),
    root_dir = root,
    on_exit = function(code) out('EXIT ' .. tostring(code)) end,
  })
  if not id then out('START FAILED'); vim.cmd('cquit 2') end
  vim.lsp.buf_attach_client(bufnr, id)
  local ok = vim.wait(timeout_ms, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    out(string.format('DIAG %d:%d sev=%d code=%s msg=%s', d.lnum + 1, d.col + 1, d.severity, tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)), d.message))
  end
  local client = vim.lsp.get_client_by_id(id)
  -- Hover and definition on the first id of a tag ('SRS-001' on line 4 of dose.c).
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 3, character = 17 } }
  local hover = client.request_sync('textDocument/hover', params, 5000, bufnr)
  if hover and hover.result and hover.result.contents then
    local v = hover.result.contents.value or ''
    out('HOVER ' .. (v:match('[^\n]*') or ''))
  end
  local def = client.request_sync('textDocument/definition', params, 5000, bufnr)
  if def and def.result and def.result[1] then
    local r = def.result[1]
    out(string.format('DEF %s:%d', (r.targetUri or r.uri):match('[^/]*$'), ((r.targetSelectionRange or r.range).start.line) + 1))
  end
  local lens = client.request_sync('textDocument/codeLens', { textDocument = params.textDocument }, 5000, bufnr)
  if lens and lens.result then
    for _, l in ipairs(lens.result) do out('LENS ' .. l.command.title) end
  end
  vim.lsp.stop_client(id)
  vim.wait(1000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
  vim.cmd(ok and 'qall!' or 'cquit 1')
end })
