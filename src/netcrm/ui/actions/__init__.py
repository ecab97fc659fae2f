"""The actions the window offers (menus, toolbar, keys): each gets an ActionContext, never the window."""
