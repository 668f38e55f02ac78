-- Drives real headless Neovim against `legislint lsp` for tests/editors/test_nvim.py.
--   nvim --headless --clean -u NONE -c "luafile nvim_driver.lua"
-- Environment: LEGISLINT_NVIM_PLUGIN (editors/nvim), LEGISLINT_CMD (JSON list), LEGISLINT_FILE
-- (the text to open), LEGISLINT_OUT (JSON report written here), LEGISLINT_REASON.
-- Every wait is on an event (a publish, a reply) with a generous timeout; no fixed sleeps.

local out = { steps = {} }
local TIMEOUT = 180000

local function write_out()
  local f = assert(io.open(os.getenv("LEGISLINT_OUT"), "w"))
  f:write(vim.fn.json_encode(out))
  f:close()
end

local published = {}
local function record_publishes()
  local orig = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
    orig(err, result, ctx, config)
    table.insert(published, { version = result.version, count = #result.diagnostics })
  end
end

local function wait_publish(after, what)
  local ok = vim.wait(TIMEOUT, function() return #published > after end, 50)
  if not ok then
    error("timed out waiting for diagnostics: " .. what)
  end
end

local function diagnostics(buf)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(items, {
      lnum = d.lnum, end_lnum = d.end_lnum, col = d.col, severity = d.severity,
      message = d.message, source = d.source, code = d.code,
      href = d.user_data and d.user_data.lsp and d.user_data.lsp.codeDescription
        and d.user_data.lsp.codeDescription.href or vim.NIL,
    })
  end
  return items
end

local function first_with_code(buf, code, skip)
  local best
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code and d.lnum ~= skip and (best == nil or d.lnum < best.lnum) then
      best = d
    end
  end
  return best
end

-- Run a code action the way a user does (:lua vim.lsp.buf.code_action()), choosing the item
-- whose title satisfies `pick` in the selection menu.
local function run_code_action(pick)
  local chosen
  vim.ui.select = function(items, opts, on_choice)
    for _, item in ipairs(items) do
      local action = item[2]
      if pick(action.title) then
        chosen = action.title
        return on_choice(item)
      end
    end
    on_choice(nil)
  end
  vim.lsp.buf.code_action()
  local ok = vim.wait(TIMEOUT, function() return chosen ~= nil end, 50)
  if not ok then
    error("no code action offered")
  end
  return chosen
end

local function main()
  vim.opt.runtimepath:append(os.getenv("LEGISLINT_NVIM_PLUGIN"))
  vim.cmd("filetype on")
  record_publishes()
  require("legislint").setup({
    cmd = vim.fn.json_decode(os.getenv("LEGISLINT_CMD")),
    settings = { debounceMs = 0 },
  })
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("LEGISLINT_FILE")))
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[buf].filetype

  -- 1. Diagnostics of the corpus text.
  wait_publish(0, "the opened document")
  out.initial = diagnostics(buf)
  table.insert(out.steps, "initial")

  local client = vim.lsp.get_active_clients()[1]
  out.client_name = client and client.name or vim.NIL

  -- 2. The outline.
  local params = { textDocument = vim.lsp.util.make_text_document_params(buf) }
  local replies = vim.lsp.buf_request_sync(buf, "textDocument/documentSymbol", params, TIMEOUT)
  out.symbols = {}
  for _, reply in pairs(replies or {}) do
    for _, sym in ipairs(reply.result or {}) do
      table.insert(out.symbols, sym.name)
    end
  end
  table.insert(out.steps, "symbols")

  -- 3. Hover on the first LG201 finding.
  local target = first_with_code(buf, "LG201")
  if target == nil then
    error("no LG201 diagnostic to work with")
  end
  out.target_lnum = target.lnum
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover",
    vim.lsp.util.make_position_params(), TIMEOUT)
  for _, reply in pairs(hover or {}) do
    if reply.result and reply.result.contents then
      out.hover = reply.result.contents.value
    end
  end
  table.insert(out.steps, "hover")

  -- 4. Quick fix: insert the model wording; the server re-lints the changed buffer.
  local before = #published
  out.fix_title = run_code_action(function(title) return not title:match("^Suppress") end)
  wait_publish(before, "the fixed document")
  vim.wait(TIMEOUT, function()
    local last = published[#published]
    return last.version == vim.lsp.util.buf_versions[buf]
  end, 50)
  out.fixed_line = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
  out.after_fix = diagnostics(buf)
  table.insert(out.steps, "fix")

  -- 5. Suppress another LG201 finding, with a reason typed at the prompt.
  local other = first_with_code(buf, "LG201", target.lnum)
  out.suppressed_lnum = other.lnum
  vim.api.nvim_win_set_cursor(0, { other.lnum + 1, other.col })
  local reason = os.getenv("LEGISLINT_REASON")
  vim.fn.input = function() return reason end
  before = #published
  out.suppress_title = run_code_action(function(title) return title:match("^Suppress LG201") end)
  wait_publish(before, "the re-lint after the suppression")
  out.after_suppress = diagnostics(buf)
  table.insert(out.steps, "suppress")
end

local ok, err = pcall(main)
if not ok then
  out.error = tostring(err)
end
out.published = published
write_out()
vim.cmd("qa!")
