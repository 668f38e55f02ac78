-- legislint for Neovim's built-in LSP client (Neovim >= 0.7; no plugin manager or lspconfig needed).
--
--   require("legislint").setup({
--     cmd = { "legislint", "lsp" },                 -- or { "/venv/bin/python", "-m", "legislint.lsp" }
--     settings = { severity = { LG201 = "error" } }, -- the server's settings (see editors/README.md)
--   })
--
-- Neovim 0.7 has no vim.lsp.start: one client per project root is started with
-- vim.lsp.start_client and attached to each buffer with vim.lsp.buf_attach_client.

local M = {}

M.defaults = {
  cmd = { "legislint", "lsp" },
  filetypes = { "text", "markdown", "legislation" },
  -- Files that are legislation whatever their extension: Lua patterns on the full path.
  file_patterns = {},
  root_markers = { ".legislint.yaml", ".legislint.yml", ".git" },
  settings = {},
  -- Called with (client, bufnr) after a buffer is attached, e.g. to map keys.
  on_attach = nil,
}

M.config = vim.deepcopy(M.defaults)
M.clients = {} -- root directory -> client id

local function find_root(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  while dir and dir ~= "" do
    for _, marker in ipairs(M.config.root_markers) do
      if vim.loop.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      break
    end
    dir = parent
  end
  return vim.fn.fnamemodify(path, ":p:h")
end

-- "Suppress for this provision (with reason)": ask for the reason, then let the server write it
-- into .legislint.yaml (the server keeps the file's comments).
local function suppress(command, ctx)
  local args = vim.deepcopy((command.arguments or {})[1] or {})
  if not args.reason or args.reason == "" then
    local reason = vim.fn.input(string.format("Why is %s acceptable in %s? ",
      args.code or args.rule or "this finding", args.provision or "this provision"))
    if reason == nil or vim.trim(reason) == "" then
      vim.notify("legislint: suppression cancelled (a reason is required)", vim.log.levels.INFO)
      return
    end
    args.reason = reason
  end
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if client then
    client.request("workspace/executeCommand",
      { command = command.command, arguments = { args } }, nil, ctx.bufnr)
  end
end

local function start(root)
  local id = M.clients[root]
  if id and vim.lsp.get_client_by_id(id) and not vim.lsp.client_is_stopped(id) then
    return id
  end
  local settings = M.config.settings
  id = vim.lsp.start_client({
    name = "legislint",
    cmd = M.config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = settings,
    settings = { legislint = settings },
    commands = { ["legislint.suppress"] = suppress },
    -- Neovim's filetype for .txt is "text"; LSP calls it "plaintext".
    get_language_id = function(_, filetype)
      if filetype == "text" then
        return "plaintext"
      end
      return filetype
    end,
    on_init = function(client)
      client.notify("workspace/didChangeConfiguration", { settings = { legislint = settings } })
    end,
    on_exit = function()
      M.clients[root] = nil
    end,
  })
  M.clients[root] = id
  return id
end

--- Attach legislint to a buffer (called by the FileType autocommand; callable by hand).
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root = find_root(name ~= "" and name or vim.fn.getcwd() .. "/untitled")
  local id = start(root)
  if not id then
    vim.notify("legislint: cannot start " .. table.concat(M.config.cmd, " "), vim.log.levels.ERROR)
    return nil
  end
  vim.lsp.buf_attach_client(bufnr, id)
  if M.config.on_attach then
    M.config.on_attach(vim.lsp.get_client_by_id(id), bufnr)
  end
  return id
end

local function matches_pattern(path)
  for _, pattern in ipairs(M.config.file_patterns) do
    if path:match(pattern) then
      return true
    end
  end
  return false
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  if vim.filetype and vim.filetype.add then
    vim.filetype.add({ extension = { leg = "legislation" } })
  end
  local group = vim.api.nvim_create_augroup("legislint", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(ev)
      M.attach(ev.buf)
    end,
  })
  if #M.config.file_patterns > 0 then
    vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
      group = group,
      pattern = "*",
      callback = function(ev)
        if vim.bo[ev.buf].filetype ~= "legislation" and matches_pattern(ev.match) then
          vim.bo[ev.buf].filetype = "legislation"
        end
      end,
    })
  end
  -- Buffers already open when setup runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
      M.attach(buf)
    end
  end
end

return M
