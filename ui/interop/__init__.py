"""The LKE Excel workbook and the PortalRB file: import with a preview, export."""
