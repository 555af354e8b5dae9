"""The organisers' console: upload a workbook, see errors or the preview, publish, roll back."""
