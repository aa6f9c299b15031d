"""The maker's statement download (/maker/statement.csv)."""

from flask import Response, abort, request

from storefront.auth.access import maker_required
from storefront.earnings.statement import maker_statement_csv
from storefront.maker_dashboard import bp
from storefront.makers.access import current_maker


@bp.get("/statement.csv")
@maker_required
def statement_csv():
    maker = current_maker()
    asked = request.args.get("maker", type=int)
    if asked is not None and asked != maker.id:
        abort(404)  # a maker only ever sees her own statement
    return Response(
        maker_statement_csv(maker.id),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="statement-{maker.slug}.csv"',
            "Cache-Control": "no-store",
        },
    )
