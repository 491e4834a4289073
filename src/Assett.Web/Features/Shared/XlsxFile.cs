using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace Assett.Web.Features.Shared;

/// <summary>An Excel download (MiniExcel: docs/decisions.md), numbers kept as numbers.</summary>
public static class XlsxFile
{
    private const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary><paramref name="content"/>: the rows of one sheet named <paramref name="sheetName"/>, or a dictionary of sheet names to rows.</summary>
    public static async Task<FileContentResult> CreateAsync(object content, string fileName, CancellationToken cancellationToken, string sheetName = "Sheet1")
    {
        using var file = new MemoryStream();
        await file.SaveAsAsync(content, sheetName: sheetName, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        return new FileContentResult(file.ToArray(), ContentType) { FileDownloadName = fileName };
    }
}
