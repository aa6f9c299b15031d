"""carts, checkout attempts and payment events

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 22:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cart',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_cart_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cart')),
    sa.UniqueConstraint('token', name=op.f('uq_cart_token')),
    sa.UniqueConstraint('user_id', name=op.f('uq_cart_user_id'))
    )
    op.create_table('cart_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cart_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('seen_price_idr', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_cart_line_quantity_positive')),
    sa.ForeignKeyConstraint(['cart_id'], ['cart.id'], name=op.f('fk_cart_line_cart_id_cart')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_cart_line_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cart_line')),
    sa.UniqueConstraint('cart_id', 'product_id', name='one_line_per_product')
    )
    with op.batch_alter_table('cart_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cart_line_cart_id'), ['cart_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cart_line_product_id'), ['product_id'], unique=False)

    op.create_table('checkout_attempt',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['shop_order.id'], name=op.f('fk_checkout_attempt_order_id_shop_order')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_checkout_attempt'))
    )
    with op.batch_alter_table('checkout_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkout_attempt_order_id'), ['order_id'], unique=False)

    op.create_table('payment_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=255), nullable=False),
    sa.Column('type', sa.String(length=80), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=120), nullable=True),
    sa.Column('amount_idr', sa.Integer(), nullable=True),
    sa.Column('flag', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['shop_order.id'], name=op.f('fk_payment_event_order_id_shop_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_event')),
    sa.UniqueConstraint('event_id', name=op.f('uq_payment_event_event_id'))
    )
    with op.batch_alter_table('payment_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_event_flag'), ['flag'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_event_order_id'), ['order_id'], unique=False)


def downgrade():
    with op.batch_alter_table('payment_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_event_order_id'))
        batch_op.drop_index(batch_op.f('ix_payment_event_flag'))
    op.drop_table('payment_event')
    with op.batch_alter_table('checkout_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checkout_attempt_order_id'))
    op.drop_table('checkout_attempt')
    with op.batch_alter_table('cart_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cart_line_product_id'))
        batch_op.drop_index(batch_op.f('ix_cart_line_cart_id'))
    op.drop_table('cart_line')
    op.drop_table('cart')
